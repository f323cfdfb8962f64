echo 'a' | awk 'BEGIN {CONVFMT = "%.2f"; OFMT = "%.3f"} {$2 = 3.14159; print; print 3.14159; x = 3.14159; print x ""}'
