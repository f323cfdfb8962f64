status: 2
--- stdout
--- stderr
awk: fatal: cannot open file `/nonexistent' for reading: No such file or directory
