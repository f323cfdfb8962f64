status: 2
--- stdout
--- stderr
awk: line 1: syntax error at or near *
