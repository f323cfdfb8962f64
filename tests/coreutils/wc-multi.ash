status: 0
--- stdout
        1         1         2 x
        1         2         4 y
        2         3         6 total
--- stderr
