status: 0
--- stdout
realpath: /nonexistent/x: No such file or directory
status=1
--- stderr
