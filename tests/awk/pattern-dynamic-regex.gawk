status: 0
--- stdout
bar
--- stderr
