awk 'BEGIN {printf "[%10s][%-10s][%.2s][%5.1s]\n", "abc", "abc", "abc", "abc"}'
