awk 'BEGIN {print twice(21)} function twice(x) {return 2*x}'
