awk 'BEGIN {print index(12345, 34), index("abc", "")}'
