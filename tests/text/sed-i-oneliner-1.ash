status: 0
--- stdout
    indented
x
--- stderr
