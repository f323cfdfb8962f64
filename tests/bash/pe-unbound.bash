status: 127
--- stdout
--- stderr
bash: line 1: x: unbound variable
