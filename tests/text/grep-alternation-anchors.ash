status: 0
--- stdout
start
end
--- stderr
