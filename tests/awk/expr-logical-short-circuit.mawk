status: 0
--- stdout
yes
0 0
--- stderr
