status: 0
--- stdout
rc=1
--- stderr
sed: -i requires an argument
