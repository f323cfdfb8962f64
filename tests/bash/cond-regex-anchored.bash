status: 0
--- stdout
ok 1.2
--- stderr
