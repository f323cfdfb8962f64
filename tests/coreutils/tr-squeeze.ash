status: 0
--- stdout
a bbb
--- stderr
