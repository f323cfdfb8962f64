status: 0
--- stdout
big
--- stderr
