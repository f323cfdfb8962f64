status: 0
--- stdout
a 3.14
3.142
3.14
--- stderr
