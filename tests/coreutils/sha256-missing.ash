status: 0
--- stdout
status=1
--- stderr
sha256sum: can't open 'nofile': No such file or directory
