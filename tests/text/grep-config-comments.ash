status: 0
--- stdout
key=value
other=1
--- stderr
