status: 127
--- stdout
--- stderr
/bin/sh: 1: awk: not found
