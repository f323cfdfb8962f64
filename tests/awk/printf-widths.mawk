status: 0
--- stdout
[   42][42   ][00042][+42][ 42]
--- stderr
