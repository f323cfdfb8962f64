status: 0
--- stdout
before
status 127
--- stderr
/bin/sh: nosuchcommand: not found
