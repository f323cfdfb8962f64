status: 0
--- stdout
ok
naive
--- stderr
