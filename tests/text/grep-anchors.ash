status: 0
--- stdout
apple pie
banana split
cherry tart
ERROR: timeout
1
--- stderr
