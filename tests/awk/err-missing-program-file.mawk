status: 2
--- stdout
--- stderr
awk: cannot open /nonexistent.awk (No such file or directory)
