awk 'BEGIN {a["10"]; a["9"]; for (k in a) if (k > 9) print "numeric-ish", k}' | sort
