status: 0
--- stdout
4 v1 k2
2 v3 
--- stderr
