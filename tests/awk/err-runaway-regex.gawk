status: 1
--- stdout
--- stderr
awk: cmd. line:1: BEGIN{x = /abcdefghijklmnop}
awk: cmd. line:1:            ^ unterminated regexp
