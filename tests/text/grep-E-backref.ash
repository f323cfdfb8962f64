status: 0
--- stdout
hello
book
free
--- stderr
