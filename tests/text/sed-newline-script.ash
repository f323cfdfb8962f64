status: 0
--- stdout
HeLLo
--- stderr
