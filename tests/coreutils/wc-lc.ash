status: 0
--- stdout
        2         6 f
--- stderr
