echo ' 5' | awk -F, '{print ($1 == 5), ($1 < 10)}'
