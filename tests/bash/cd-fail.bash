status: 0
--- stdout
1
1
--- stderr
bash: line 1: cd: /nope: No such file or directory
bash: line 1: cd: /etc/passwd: Not a directory
