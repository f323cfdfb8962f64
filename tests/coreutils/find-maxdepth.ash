status: 0
--- stdout
.
./a
./a/b
--- stderr
