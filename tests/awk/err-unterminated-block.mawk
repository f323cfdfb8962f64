status: 2
--- stdout
--- stderr
awk: line 2: missing } near end of file
