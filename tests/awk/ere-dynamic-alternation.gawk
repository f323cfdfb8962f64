status: 0
--- stdout
method GET
--- stderr
