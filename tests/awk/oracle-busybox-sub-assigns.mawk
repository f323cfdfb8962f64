status: 0
--- stdout
[a  b]
[]
1
--- stderr
