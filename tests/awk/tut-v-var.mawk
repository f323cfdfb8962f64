status: 0
--- stdout
hello world b
--- stderr
