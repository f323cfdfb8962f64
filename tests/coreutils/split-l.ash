status: 1
--- stdout
--
--- stderr
/bin/sh: split: not found
cat: can't open 'xaa': No such file or directory
cat: can't open 'xac': No such file or directory
ls: x*: No such file or directory
