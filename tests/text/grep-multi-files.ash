status: 0
--- stdout
f.txt:apple pie
g.txt:apple tree
apple pie
apple tree
f.txt:1
g.txt:1
--- stderr
