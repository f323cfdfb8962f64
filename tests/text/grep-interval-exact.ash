status: 0
--- stdout
aaa
--- stderr
