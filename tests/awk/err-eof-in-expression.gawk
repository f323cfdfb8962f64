status: 1
--- stdout
--- stderr
awk: cmd. line:2: BEGIN { x = 1 +
awk: cmd. line:2:                ^ unexpected newline or end of string
