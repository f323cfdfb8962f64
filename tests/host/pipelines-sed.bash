status: 0
--- stdout
two
0ne
tw0
three
two
three
two
three
world hello
b+a-c
--- stderr
