status: 0
--- stdout
2000-02-29
--- stderr
