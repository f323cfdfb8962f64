awk 'BEGIN { n = "nan" + 0; print (n < 1), (n <= 1), (n == 1), (n != 1), (n > 1), (n >= 1) }'
