status: 0
--- stdout
cat
dog
--- stderr
