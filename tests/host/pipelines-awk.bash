status: 0
--- stdout
alice
bob
carol
alice 30
carol 35
90
c
bob 25
--- stderr
