status: 0
--- stdout
value
pre_a pre_b
--- stderr
