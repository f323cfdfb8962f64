status: 1
--- stdout
--- stderr
bash: line 1: 1 + : syntax error: operand expected (error token is "+ ")
