status: 0
--- stdout
eq
glob
quoted-literal
ne
--- stderr
