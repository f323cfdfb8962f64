status: 5
--- stdout
3
4
--- stderr
