status: 0
--- stdout
abab
--- stderr
