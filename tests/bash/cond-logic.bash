status: 0
--- stdout
and
or
not
paren
--- stderr
