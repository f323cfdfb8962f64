status: 0
--- stdout
before
middle
after
--- stderr
