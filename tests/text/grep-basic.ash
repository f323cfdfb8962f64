status: 0
--- stdout
apple pie
--- stderr
