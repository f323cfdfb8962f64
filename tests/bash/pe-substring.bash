status: 0
--- stdout
cdefgh
cde
fgh
fg
gh
bcdef
[]
--- stderr
