status: 0
--- stdout
listen 8080;
server_name localhost;
--- stderr
