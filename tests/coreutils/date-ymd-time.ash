status: 0
--- stdout
Fri Jan  2 03:04:05 UTC 2026
--- stderr
