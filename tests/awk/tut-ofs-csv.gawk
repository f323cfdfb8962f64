status: 0
--- stdout
alice,30
bob,25
carol,35
dave,40
--- stderr
