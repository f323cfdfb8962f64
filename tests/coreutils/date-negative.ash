status: 0
--- stdout
Wed Dec 31 00:00:00 UTC 1969
--- stderr
