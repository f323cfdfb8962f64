status: 0
--- stdout
20
--- stderr
2+0 records in
6+1 records out
