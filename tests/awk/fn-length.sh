awk 'BEGIN {print length("abc"), length(""), length(12345), length()}' </dev/null
