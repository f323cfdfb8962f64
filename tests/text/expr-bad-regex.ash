status: 0
--- stdout
rc=2
--- stderr
expr: bad regex '\(': Missing ')'
