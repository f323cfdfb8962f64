status: 0
--- stdout
[x y]
[z]
<x>
<y>
<z>
x y z
--- stderr
