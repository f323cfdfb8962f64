status: 0
--- stdout
one three
one two three
3
one
--- stderr
