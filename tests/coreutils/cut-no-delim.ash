status: 0
--- stdout
abc
b
--- stderr
