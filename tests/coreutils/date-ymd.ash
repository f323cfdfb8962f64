status: 0
--- stdout
Fri Jan  2 00:00:00 UTC 2026
--- stderr
