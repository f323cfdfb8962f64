status: 0
--- stdout
hello
hello
--- stderr
