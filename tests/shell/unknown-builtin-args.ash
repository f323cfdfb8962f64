status: 2
--- stdout
cd: 2
--- stderr
/bin/sh: cd: can't cd to /nonexistent/dir: No such file or directory
/bin/sh: exit: Illegal number: foo
