status: 0
--- stdout
abAB
--- stderr
