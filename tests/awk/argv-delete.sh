printf 'a\n' > f1; printf 'b\n' > f2
awk 'BEGIN {delete ARGV[1]} {print}' f1 f2
