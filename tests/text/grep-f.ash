status: 0
--- stdout
apple pie
error: disk full
--- stderr
