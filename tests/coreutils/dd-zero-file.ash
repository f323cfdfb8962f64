status: 0
--- stdout
5242880
--- stderr
5+0 records in
5+0 records out
