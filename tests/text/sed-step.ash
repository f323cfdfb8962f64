status: 1
--- stdout
--- stderr
sed: unsupported command ~
sed: unsupported command ~
