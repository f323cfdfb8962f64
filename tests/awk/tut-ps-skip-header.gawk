status: 0
--- stdout
3f2a1b9c8d7e
9e8d7c6b5a4f
--- stderr
