status: 0
--- stdout
.
./a
./a/b
./a/x
--- stderr
