status: 0
--- stdout
dir
found
between
missing
--- stderr
