status: 0
--- stdout
status 1
f
--- stderr
mkdir: can't create directory 'd': File exists
