status: 0
--- stdout
5
5
--- stderr
truncate: invalid number '+3'
truncate: invalid number '-6'
