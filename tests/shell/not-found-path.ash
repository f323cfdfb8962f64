status: 0
--- stdout
status 127
--- stderr
/bin/sh: ./missing-script: not found
