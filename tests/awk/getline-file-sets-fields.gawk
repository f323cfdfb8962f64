status: 0
--- stdout
3 q 0
--- stderr
