status: 0
--- stdout
a
127
--- stderr
bash: line 1: /nope/x: No such file or directory
