awk 'BEGIN {i=5; do {print i; i++} while (i<3)}'
