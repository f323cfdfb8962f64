status: 0
--- stdout
error: disk full
--- stderr
