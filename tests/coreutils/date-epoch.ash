status: 0
--- stdout
Thu Jan  1 00:00:00 UTC 1970
--- stderr
