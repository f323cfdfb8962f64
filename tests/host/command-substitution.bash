status: 0
--- stdout
X is hello
upper: ABC
43
one
two
one two
--- stderr
