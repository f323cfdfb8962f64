status: 0
--- stdout
a
end
--- stderr
