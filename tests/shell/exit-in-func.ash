status: 3
--- stdout
big
small
--- stderr
