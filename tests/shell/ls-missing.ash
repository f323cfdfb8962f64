status: 0
--- stdout
status 1
--- stderr
ls: nope: No such file or directory
