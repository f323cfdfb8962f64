awk 'BEGIN {print -7 % 3, 7 % -3, 7.5 % 2}'
