status: 0
--- stdout
status 1
--- stderr
cat: can't open 'nope.txt': No such file or directory
