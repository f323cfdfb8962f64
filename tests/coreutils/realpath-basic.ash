status: 0
--- stdout
/etc
/usr
--- stderr
