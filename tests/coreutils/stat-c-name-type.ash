status: 0
--- stdout
f regular file
d directory
--- stderr
