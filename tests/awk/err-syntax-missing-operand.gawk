status: 1
--- stdout
--- stderr
awk: cmd. line:1: BEGIN{x=1+}
awk: cmd. line:1:           ^ syntax error
