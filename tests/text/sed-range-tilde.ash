status: 1
--- stdout
--- stderr
sed: no address after comma
