status: 2
--- stdout
--- stderr
awk: cannot open /nonexistent (No such file or directory)
