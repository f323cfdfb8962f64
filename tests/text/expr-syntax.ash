status: 0
--- stdout
rc=2
rc=2
--- stderr
expr: syntax error
expr: too few arguments
