status: 0
--- stdout
a b  c
a b  c
one|two three
1
QUOTED $X
[a b  c]
--- stderr
