status: 0
--- stdout
1-apple pie
2:banana split
3-cherry tart
--- stderr
