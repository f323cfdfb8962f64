status: 0
--- stdout
status 2
--- stderr
/bin/sh: cd: can't cd to /nonexistent-dir: No such file or directory
