status: 0
--- stdout
http://a
https://b
--- stderr
