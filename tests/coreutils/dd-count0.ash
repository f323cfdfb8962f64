status: 0
--- stdout
0
--- stderr
0+0 records in
0+0 records out
