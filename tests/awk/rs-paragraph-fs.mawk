status: 0
--- stdout
3 v1
k2 v2
2 v3 
--- stderr
