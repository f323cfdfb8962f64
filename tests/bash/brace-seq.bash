status: 0
--- stdout
1 2 3 4 5
5 4 3 2 1
a b c d e
1 4 7 10
01 02 03 04 05 06 07 08 09 10
-2 -1 0 1 2
--- stderr
