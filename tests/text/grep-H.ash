status: 0
--- stdout
f.txt:cherry tart
f.txt:3:cherry tart
--- stderr
