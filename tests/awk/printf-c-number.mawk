status: 0
--- stdout
Hi!
--- stderr
