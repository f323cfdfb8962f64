status: 0
--- stdout
aaa
ac
abc
--- stderr
