status: 0
--- stdout
abc
--- stderr
