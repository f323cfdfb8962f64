status: 0
--- stdout
rc=2
rc=2
--- stderr
grep: bad regex 'a\{1'
grep: bad regex 'a{2,1}'
