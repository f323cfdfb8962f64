status: 0
--- stdout
rc=2
rc=0
--- stderr
grep: nofile: No such file or directory
