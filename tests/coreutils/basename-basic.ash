status: 0
--- stdout
file.txt
lib
file
--- stderr
