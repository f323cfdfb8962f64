status: 0
--- stdout
abc123   nginx   "nginx -g"
2
--- stderr
