status: 0
--- stdout
sub
back
--- stderr
