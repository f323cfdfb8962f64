status: 0
--- stdout
/usr/bin
--- stderr
