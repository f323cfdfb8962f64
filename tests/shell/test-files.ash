status: 0
--- stdout
d-is-dir
f-is-file
missing-absent
f-empty
lt
ne
zn
and
status 2
status 2
--- stderr
sh: =: argument expected
sh: -gt: argument expected
