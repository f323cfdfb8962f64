awk 'BEGIN {a["x"]; a["y"]; a["z"]; for (k in a) print k}'
