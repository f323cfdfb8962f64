status: 0
--- stdout
end ran
1
--- stderr
