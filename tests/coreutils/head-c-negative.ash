status: 0
--- stdout
hello
--- stderr
