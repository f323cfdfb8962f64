status: 0
--- stdout
apple pie
rc=1
--- stderr
