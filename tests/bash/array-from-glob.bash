status: 0
--- stdout
2 b.txt
--- stderr
