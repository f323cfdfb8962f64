status: 0
--- stdout
42 str A
--- stderr
