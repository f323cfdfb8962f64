status: 2
--- stdout
--- stderr
bash: -c: line 1: unexpected EOF while looking for matching `"'
