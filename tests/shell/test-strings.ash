status: 0
--- stdout
empty
nonempty
differ
--- stderr
