status: 0
--- stdout
rc=1
--- stderr
sed: missing command
