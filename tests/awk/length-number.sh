awk 'BEGIN {print length(12.50), length(1/3), length("")}'
