status: 0
--- stdout
ok /index.html
--- stderr
