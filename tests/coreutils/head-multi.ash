status: 0
--- stdout
==> x <==
a
b

==> y <==
c
--- stderr
