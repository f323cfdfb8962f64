status: 0
--- stdout
ell hello hell lo [] he
--- stderr
