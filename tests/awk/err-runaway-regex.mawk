status: 2
--- stdout
--- stderr
awk: line 1: runaway regular expression /abcdefghij ...
