status: 0
--- stdout
./a/b
./a/b/c
--- stderr
