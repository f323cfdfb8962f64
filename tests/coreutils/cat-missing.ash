status: 0
--- stdout
status=1
--- stderr
cat: can't open 'nofile': No such file or directory
