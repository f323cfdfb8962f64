status: 0
--- stdout
app 1
app2 3
myapp 4
app 1
app2 3
3
web 2
2:web 2
web 2
myapp 4
app 1
1
--- stderr
