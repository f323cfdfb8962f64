status: 0
--- stdout
rc=1
a
rc=1
--- stderr
sed: nofile: No such file or directory
sed: nofile: No such file or directory
