status: 0
--- stdout
apple pie
banana split
--- stderr
