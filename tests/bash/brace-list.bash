status: 0
--- stdout
a b c
x1y x2y
ac ad bc bd
--- stderr
