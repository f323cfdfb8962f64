status: 0
--- stdout
file
dir
missing
z
n
--- stderr
