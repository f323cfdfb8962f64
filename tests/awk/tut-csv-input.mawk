status: 0
--- stdout
3 ann
4 bo
--- stderr
