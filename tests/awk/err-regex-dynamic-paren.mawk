status: 2
--- stdout
--- stderr
awk: line 1: regular expression compile failed (missing ')')
(
