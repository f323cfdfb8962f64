status: 0
--- stdout
610
--- stderr
