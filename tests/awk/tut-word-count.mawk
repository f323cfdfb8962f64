status: 0
--- stdout
1 cat
1 dog
1 end
3 the
--- stderr
