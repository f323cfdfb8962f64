status: 0
--- stdout
ERR: disk full
--- stderr
