status: 2
--- stdout
--- stderr
awk: fatal: cannot open source file `/nonexistent.awk' for reading: No such file or directory
