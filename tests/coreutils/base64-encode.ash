status: 0
--- stdout
aGVsbG8gd29ybGQ=
--- stderr
