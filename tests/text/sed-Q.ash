status: 1
--- stdout
--- stderr
sed: unsupported command Q
