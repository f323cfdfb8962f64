printf 'l1\nl2\nl3\nl4\n' | awk 'NR % 2 == 0'
