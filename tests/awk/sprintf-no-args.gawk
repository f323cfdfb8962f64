status: 0
--- stdout
plain
--- stderr
