status: 0
--- stdout
rc=2
f.txt:apple pie
rc=2
--- stderr
grep: nofile.txt: No such file or directory
grep: nofile.txt: No such file or directory
