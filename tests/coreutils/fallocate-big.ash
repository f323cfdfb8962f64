status: 0
--- stdout
524288000
--- stderr
