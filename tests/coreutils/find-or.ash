status: 0
--- stdout
./a
./c
--- stderr
