status: 0
--- stdout
status=1
--- stderr
date: invalid date 'junk'
