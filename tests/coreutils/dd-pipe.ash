status: 0
--- stdout
300
--- stderr
3+0 records in
3+0 records out
