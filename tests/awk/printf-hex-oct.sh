awk 'BEGIN {printf "%x %X %o %#x %#o %u\n", 255, 255, 8, 255, 8, 42}'
