status: 0
--- stdout
5 -,-y-:-z-
1 -
3 -a-b-
1 -
--- stderr
