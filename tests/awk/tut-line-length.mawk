status: 0
--- stdout
much longer line
--- stderr
