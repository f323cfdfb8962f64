status: 0
--- stdout
error: disk full
warning: low memory
--- stderr
