status: 0
--- stdout
aa
aaa
--- stderr
