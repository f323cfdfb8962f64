status: 0
--- stdout
he wrd
--- stderr
