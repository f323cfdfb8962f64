status: 2
--- stdout
[]
--- stderr
/bin/sh: NOPE: parameter not set
