status: 0
--- stdout
3 7    04
--- stderr
