status: 0
--- stdout
[ababab]
--- stderr
