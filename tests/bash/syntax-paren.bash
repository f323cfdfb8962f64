status: 2
--- stdout
--- stderr
bash: -c: line 1: syntax error near unexpected token `)'
bash: -c: line 1: `echo )'
