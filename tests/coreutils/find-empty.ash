status: 0
--- stdout
./e
./f/x
./g
./h
--- stderr
