status: 1
--- stdout
--- stderr
bash: line 1: 1 / 0 : division by 0 (error token is "0 ")
