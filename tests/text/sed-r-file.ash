status: 0
--- stdout
a
inserted
b
--- stderr
