status: 2
--- stdout
a
--- stderr
bash: -c: line 3: syntax error: unexpected end of file
