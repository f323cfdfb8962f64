status: 0
--- stdout
0.5
1.0
1.5
2.0
1.00
1.25
1.50
1.75
2.00
--- stderr
