status: 2
--- stdout
--- stderr
/bin/sh: syntax error: unexpected end of file (expecting "fi")
