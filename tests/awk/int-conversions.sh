awk 'BEGIN {print int("0x1A"), int(" 12 "), int(-0.5), int(1e10)}'
