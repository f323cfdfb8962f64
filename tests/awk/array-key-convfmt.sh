awk 'BEGIN {CONVFMT = "%.2f"; a[3.14159] = 1; for (k in a) print k}'
