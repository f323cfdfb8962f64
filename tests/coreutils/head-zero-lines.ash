status: 0
--- stdout
end
--- stderr
