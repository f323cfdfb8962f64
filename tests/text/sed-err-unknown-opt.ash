status: 0
--- stdout
rc=1
--- stderr
sed: bad option in substitution expression
