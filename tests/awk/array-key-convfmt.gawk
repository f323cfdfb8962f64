status: 0
--- stdout
3.14
--- stderr
