status: 1
--- stdout
--- stderr
awk: cmd. line:1: BEGIN { if }
awk: cmd. line:1:            ^ syntax error
