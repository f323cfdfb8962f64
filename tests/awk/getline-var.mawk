status: 0
--- stdout
x=b $0=a 2
--- stderr
