status: 0
--- stdout
a-X-c
3
--- stderr
