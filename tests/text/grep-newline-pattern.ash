status: 0
--- stdout
apple pie
cherry tart
--- stderr
