echo '10 9 abc' | awk '{print ($1 < $2), ($1 < $3), ($3 > $1)}'
