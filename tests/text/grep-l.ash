status: 0
--- stdout
f.txt
g.txt
h.txt
--- stderr
