status: 0
--- stdout
lt
gt
num
arith
--- stderr
