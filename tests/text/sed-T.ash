status: 0
--- stdout
xaa!
bbb
--- stderr
