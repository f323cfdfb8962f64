status: 0
--- stdout
/opt/bin
c:b
--- stderr
