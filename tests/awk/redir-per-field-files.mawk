status: 0
--- stdout
alice
carol
bob
--- stderr
