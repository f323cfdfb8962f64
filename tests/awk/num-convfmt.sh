awk 'BEGIN {CONVFMT="%.2g"; x = 3.14159; y = x ""; print y; print 3.14159}'
