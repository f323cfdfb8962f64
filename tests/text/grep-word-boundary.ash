status: 0
--- stdout
cat
the cat sat
cat
bobcat
--- stderr
