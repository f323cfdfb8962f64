status: 0
--- stdout
bbb aaa
--- stderr
