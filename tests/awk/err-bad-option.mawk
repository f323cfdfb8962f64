status: 2
--- stdout
--- stderr
awk: not an option: -x
