printf 'x\n' > f
awk 'BEGIN {print "[" FILENAME "]"} {print FILENAME}' f
