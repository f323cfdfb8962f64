status: 2
--- stdout
--- stderr
awk: cmd. line:1: fatal: function `f' not defined
