status: 0
--- stdout
root /root
--- stderr
