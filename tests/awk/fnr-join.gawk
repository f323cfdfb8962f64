status: 0
--- stdout
k2 pear 5
k1 apple 3
--- stderr
