status: 0
--- stdout
two digits: b22
--- stderr
