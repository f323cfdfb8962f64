status: 0
--- stdout
bbb
--- stderr
