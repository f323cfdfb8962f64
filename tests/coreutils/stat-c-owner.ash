status: 0
--- stdout
root root 0 0
--- stderr
