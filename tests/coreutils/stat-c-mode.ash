status: 0
--- stdout
640 -rw-r-----
--- stderr
