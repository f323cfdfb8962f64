status: 0
--- stdout
./A.TXT
./b.txt
--- stderr
