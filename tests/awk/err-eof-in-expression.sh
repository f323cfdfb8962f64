awk 'BEGIN { x = 1 +'
