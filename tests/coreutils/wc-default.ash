status: 0
--- stdout
        2         3         6 f
--- stderr
