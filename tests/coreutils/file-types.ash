status: 127
--- stdout
--- stderr
/bin/sh: file: not found
