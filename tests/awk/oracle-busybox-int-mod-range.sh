awk 'BEGIN { print int(1e300), int(-1e19), 1e300 % 10, -10 % 0.001 < 1e-9, 7 % 3 }'
awk -v OFMT=%.2f 'BEGIN { x = 1e300; print length(x ""), length(sprintf(OFMT, x)); print x }' | cut -c1-20
