awk 'BEGIN {printf "[%*d][%-*s][%.*f]\n", 5, 1, 4, "a", 2, 3.14159}'
