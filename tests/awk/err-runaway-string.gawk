status: 1
--- stdout
--- stderr
awk: cmd. line:1: BEGIN{print "abc}
awk: cmd. line:1:             ^ unterminated string
