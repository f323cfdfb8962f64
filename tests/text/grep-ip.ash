status: 0
--- stdout
172.17.0.2
172.17.255.255
--- stderr
