status: 0
--- stdout
12345
--- stderr
2+1 records in
2+1 records out
