status: 0
--- stdout
aa
aa
a
--- stderr
