status: 2
--- stdout
start
--- stderr
/bin/sh: UNDEFINED_THING: parameter not set
