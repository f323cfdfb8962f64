status: 0
--- stdout
old
new
--- stderr
