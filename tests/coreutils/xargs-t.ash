status: 0
--- stdout
echo a b
a b
--- stderr
