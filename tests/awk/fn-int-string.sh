awk 'BEGIN {print int("42abc"), int("")}'
