status: 0
--- stdout
start
b
c
end
--- stderr
