status: 1
--- stdout
--- stderr
awk: cmd. line:1: /[a/
awk: cmd. line:1:  ^ unterminated regexp
