status: 2
--- stdout
--- stderr
/bin/sh: syntax error: bad substitution
