status: 0
--- stdout
[ab]c
--- stderr
