status: 0
--- stdout
a_b_c
--- stderr
