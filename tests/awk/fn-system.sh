awk 'BEGIN {r = system("echo from-system; exit 3"); print "r=" r}'
