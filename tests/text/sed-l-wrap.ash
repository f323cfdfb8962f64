status: 1
--- stdout
--- stderr
sed: missing command
