status: 0
--- stdout
3: a | b c | d
<a>
<b c>
<d>
2 b c d
f got 2 args: x
ret 3
--- stderr
