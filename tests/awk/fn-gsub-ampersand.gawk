status: 0
--- stdout
c[at] h[at]
--- stderr
