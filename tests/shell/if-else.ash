status: 0
--- stdout
root-is-dir
equal
missing
--- stderr
