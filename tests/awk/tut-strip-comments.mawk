status: 0
--- stdout
key=1
other=2
--- stderr
