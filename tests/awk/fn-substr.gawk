status: 0
--- stdout
ell hello hel lo [] he
--- stderr
