status: 0
--- stdout
/etc
--- stderr
