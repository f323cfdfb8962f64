status: 2
--- stdout
--- stderr
awk: line 1: illegal reference to variable x
