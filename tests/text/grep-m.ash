status: 0
--- stdout
apple pie
banana split
1
--- stderr
