status: 0
--- stdout
n=1
n=2
n=3
3
done 0
a
c
--- stderr
