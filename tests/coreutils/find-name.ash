status: 0
--- stdout
./a/b/y.txt
./a/x.txt
--- stderr
