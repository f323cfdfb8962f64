status: 1
--- stdout
--- stderr
awk: cmd. line:1: {print $1
awk: cmd. line:1:          ^ unexpected newline or end of string
