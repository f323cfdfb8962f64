status: 0
--- stdout
from-system
r=3
--- stderr
