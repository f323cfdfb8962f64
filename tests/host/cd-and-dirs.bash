status: 0
--- stdout
b
in-c
1
home
c
--- stderr
bash: cd: /nonexistent: No such file or directory
