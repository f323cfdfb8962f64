status: 0
--- stdout
4
5
6
--
14
15
16
--- stderr
