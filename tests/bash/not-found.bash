status: 0
--- stdout
a
127
--- stderr
bash: line 1: foo: command not found
