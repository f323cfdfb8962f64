status: 0
--- stdout
1
1
1
--- stderr
bash: line 1: /nope/x: No such file or directory
bash: line 1: /nofile: No such file or directory
bash: line 1: /etc: Is a directory
