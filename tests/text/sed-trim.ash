status: 0
--- stdout
0000000   h   e   l   l   o  \n
0000006
--- stderr
