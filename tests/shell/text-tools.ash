status: 0
--- stdout
a
b
c
      2 a
      2 b
      1 c
c
b
b
5
HELLO WORLD
heo
2
b
c
b
grep status 1
--- stderr
