status: 127
--- stdout
--- stderr
/bin/sh: column: not found
