status: 0
--- stdout
X other then
--- stderr
