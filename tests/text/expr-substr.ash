status: 0
--- stdout
ell
--- stderr
