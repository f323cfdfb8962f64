status: 0
--- stdout
first line
second line
single
quoted
one two three
--- stderr
