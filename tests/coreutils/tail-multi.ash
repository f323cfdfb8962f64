status: 0
--- stdout
==> x <==
b

==> y <==
c
--- stderr
