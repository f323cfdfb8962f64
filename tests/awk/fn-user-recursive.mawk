status: 0
--- stdout
3628800
--- stderr
