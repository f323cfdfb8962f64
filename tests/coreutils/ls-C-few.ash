status: 0
--- stdout
a    bb   ccc  dd
a
bb
ccc
dd
a    bb   ccc  dd
--- stderr
