status: 0
--- stdout
a
a
b
c
a
b
c
      2 a
      1 b
      1 c
one
two
three
2
b
HELLO
args: x y
--- stderr
