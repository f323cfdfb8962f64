status: 0
--- stdout
curl
--- stderr
