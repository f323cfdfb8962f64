awk 'BEGIN {printf "%.4f %.4f %.4f\n", exp(1), log(10), atan2(1, 1)}'
