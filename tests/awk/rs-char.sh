printf 'a,b,c' | awk 'BEGIN {RS=","} {print NR, $0}'
