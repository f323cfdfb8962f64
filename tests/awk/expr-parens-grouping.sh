awk 'BEGIN {print (1+2)*3, 1+2*3}'
