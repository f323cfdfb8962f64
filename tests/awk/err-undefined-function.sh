awk 'BEGIN{f()}'
