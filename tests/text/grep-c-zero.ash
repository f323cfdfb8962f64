status: 0
--- stdout
x:1
y:0
rc=0
--- stderr
