status: 0
--- stdout
status=1
--- stderr
cat: read error: Is a directory
