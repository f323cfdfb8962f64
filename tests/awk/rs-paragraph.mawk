status: 0
--- stdout
1: a-c NF=3
2: d-f NF=3
--- stderr
