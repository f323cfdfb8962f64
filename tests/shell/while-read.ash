status: 0
--- stdout
1=one
2=two
3=three
i=1
i=2
i=3
w=a
w=c
--- stderr
