status: 0
--- stdout
item-a
item-b
--- stderr
