status: 0
--- stdout
status 1
--- stderr
bash: line 1: ((: 5 / 0 : division by 0 (error token is "0 ")
