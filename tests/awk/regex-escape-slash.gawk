status: 0
--- stdout
matched
--- stderr
