status: 0
--- stdout
473MB
--- stderr
