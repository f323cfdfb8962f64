status: 0
--- stdout
def d2
empty []
set
set
alt
--- stderr
