status: 0
--- stdout
PATH=/bin
HOME=/root
--- stderr
