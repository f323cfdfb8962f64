status: 0
--- stdout
apple pie
Apple juice
--- stderr
