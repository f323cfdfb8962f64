status: 0
--- stdout
/usr/lib
/usr
.
/
a
--- stderr
