status: 2
--- stdout
--- stderr
awk: cmd. line:1: fatal: attempt to use scalar `x' as an array
