status: 0
--- stdout
d c b a
--- stderr
