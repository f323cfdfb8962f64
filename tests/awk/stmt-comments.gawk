status: 0
--- stdout
ok
--- stderr
