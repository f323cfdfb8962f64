status: 0
--- stdout
no input read
--- stderr
