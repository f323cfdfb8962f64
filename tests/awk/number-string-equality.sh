awk 'BEGIN {x = 1; y = "1"; print (x == y), (x "" == y)}'
