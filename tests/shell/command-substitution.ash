status: 0
--- stdout
n=5
files: a b
x-y
--- stderr
