status: 0
--- stdout
START
two
END
--- stderr
