status: 0
--- stdout
5
3
1
end
--- stderr
