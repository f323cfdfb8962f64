status: 0
--- stdout
a
b
c
dir
file1.txt
file2.txt
file3.txt
--- stderr
