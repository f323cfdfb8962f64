status: 0
--- stdout
a b -nan
 0
5
1 0
--- stderr
