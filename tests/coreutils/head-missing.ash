status: 0
--- stdout
status=1
--- stderr
head: nofile: No such file or directory
