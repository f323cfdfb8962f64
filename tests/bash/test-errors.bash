status: 0
--- stdout
2
2
0
--- stderr
bash: line 1: [: a: integer expression expected
bash: line 1: [: a: unary operator expected
