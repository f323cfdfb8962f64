status: 0
--- stdout

--- stderr
/bin/sh: split: not found
ls: part-*: No such file or directory
cat: can't open 'part-ab': No such file or directory
