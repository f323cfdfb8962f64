printf 'b\n' > f2
awk 'BEGIN {ARGV[1] = ""} {print}' f1 f2
