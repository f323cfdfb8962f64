status: 0
--- stdout
status=1
--- stderr
wc: nofile: No such file or directory
