status: 0
--- stdout
[    1][a   ][3.14]
--- stderr
