status: 0
--- stdout
0000000   .   /   a  \0
--- stderr
