awk 'BEGIN {printf "%d %5.1f %x\n", -3.7, -2.25, -1}'
