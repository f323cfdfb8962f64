status: 1
--- stdout
--- stderr
/bin/sh: split: not found
ls: x*: No such file or directory
