status: 0
--- stdout
status 1
status 0
--- stderr
rm: can't remove 'gone.txt': No such file or directory
