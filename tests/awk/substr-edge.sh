awk 'BEGIN {print substr("abc", 2), substr("abc", 0, 2), substr("abc", 3, 0) "|", substr("abc", 4) "|", substr(12345, 2, 3)}'
