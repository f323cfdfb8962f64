status: 0
--- stdout

date 2024-01-15
error: disk full
--- stderr
