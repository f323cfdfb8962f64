status: 0
--- stdout
a b c
helo
xycc
two three
nodelim
one two
three four
bcd
root:0
--- stderr
