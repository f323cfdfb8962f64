status: 0
--- stdout
(standard input):error: disk full
f.txt:error: disk full
--- stderr
