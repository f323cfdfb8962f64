status: 0
--- stdout
      2 a
      1 b
      1 c
ONE TWO THREE
y
3
--- stderr
