status: 0
--- stdout
Fri Jan  2 00:00:00 UTC 1970
--- stderr
