status: 0
--- stdout
status=1
--- stderr
tail: can't open 'nofile': No such file or directory
tail: no files
