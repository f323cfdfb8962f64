awk 'BEGIN {printf("%s-%s\n", "a", "b")}'
