status: 0
--- stdout
rc=2
--- stderr
grep: bad regex '[a'
