status: 0
--- stdout
2026-01-01 00:00:00
--- stderr
