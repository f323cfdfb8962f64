status: 0
--- stdout
data
a
c
status 1
--- stderr
cp: can't stat 'nope': No such file or directory
