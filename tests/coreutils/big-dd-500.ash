status: 0
--- stdout
524288000
--- stderr
500+0 records in
500+0 records out
