status: 0
--- stdout
b
b.txt
x.tar
--- stderr
