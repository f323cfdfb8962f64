status: 0
--- stdout
status=1
--- stderr
find: nodir: No such file or directory
