status: 0
--- stdout
(standard input)
(standard input)
--- stderr
