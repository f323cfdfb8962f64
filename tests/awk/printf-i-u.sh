awk 'BEGIN {printf "%i %u %5.2i\n", 3.9, 7, 4}'
