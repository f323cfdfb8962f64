status: 0
--- stdout
-0042 -01.5 7    |
--- stderr
