status: 0
--- stdout
/root
--- stderr
