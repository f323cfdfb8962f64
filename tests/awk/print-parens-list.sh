awk 'BEGIN {print("a", "b")}'
