status: 0
--- stdout
to stdout
--- stderr
to stderr
