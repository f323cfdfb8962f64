status: 0
--- stdout
rc=1
--- stderr
sed: nofile: No such file or directory
