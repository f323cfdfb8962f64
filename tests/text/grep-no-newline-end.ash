status: 0
--- stdout
def
--- stderr
