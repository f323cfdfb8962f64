status: 0
--- stdout
:usr:local:bin
a
_._.c
--- stderr
