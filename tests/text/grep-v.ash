status: 0
--- stdout
Apple juice

error: disk full
ERROR: timeout
--- stderr
