status: 0
--- stdout
aa
--- stderr
