status: 0
--- stdout
a.txt b.txt
*.none
*.txt
--- stderr
