status: 0
--- stdout
key1 -> val1
key2 -> val2
--- stderr
