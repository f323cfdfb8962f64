awk 'BEGIN {printf "%+.2f % .2f %+d\n", 1.5, 1.5, -2}'
