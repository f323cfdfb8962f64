status: 2
--- stdout
--- stderr
awk: line 1: syntax error at or near end of line
awk: line 2: missing } near end of file
