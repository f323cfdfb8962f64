status: 0
--- stdout
f1

d1:
a

d2:
b
sub
---
d1
d2
f1
---
d1:
a
status 1
--- stderr
ls: nope: No such file or directory
