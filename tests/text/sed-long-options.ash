status: 0
--- stdout
b
aa
--- stderr
