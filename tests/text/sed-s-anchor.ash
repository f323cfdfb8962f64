status: 0
--- stdout
baa
aab
--- stderr
