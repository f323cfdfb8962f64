status: 0
--- stdout
bob 25 london
--- stderr
