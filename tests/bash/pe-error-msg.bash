status: 127
--- stdout
--- stderr
bash: line 1: u: custom message
