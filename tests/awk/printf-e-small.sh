awk 'BEGIN {printf "%e %.0e %g %.3g\n", 0, 12345, 0.000012345, 1234567}'
