status: 0
--- stdout
status=1
--- stderr
stat: can't stat 'nofile': No such file or directory
