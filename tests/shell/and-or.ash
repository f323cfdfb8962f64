status: 0
--- stdout
yes
no
negated
--- stderr
