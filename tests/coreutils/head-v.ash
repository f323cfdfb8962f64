status: 0
--- stdout
==> x <==
a
--- stderr
