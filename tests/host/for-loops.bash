status: 0
--- stdout
item 1
item 2
item 3
a!
b!
z
y
x
--- stderr
