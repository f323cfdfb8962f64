status: 0
--- stdout
status 1
captured: ls: /nonexistent: No such file or directory
cat: can't open '/nope': No such file or directory
one
two
3 both.txt
--- stderr
err
