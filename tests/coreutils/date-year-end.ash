status: 0
--- stdout
2025 365 52 52
--- stderr
