status: 0
--- stdout
node 18-alpine
nginx 1.25
--- stderr
