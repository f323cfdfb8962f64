status: 0
--- stdout
status=1
--- stderr
ln: l: File exists
