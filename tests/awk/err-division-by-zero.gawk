status: 2
--- stdout
--- stderr
awk: cmd. line:1: fatal: division by zero attempted
