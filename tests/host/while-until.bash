status: 0
--- stdout
n=1
n=2
n=3
back to 0
<a>
<b>
<c>
--- stderr
