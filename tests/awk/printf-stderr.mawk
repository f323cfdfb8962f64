status: 0
--- stdout
--- stderr
err 5
