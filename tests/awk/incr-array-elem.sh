awk 'BEGIN {a["x"]++; a["x"] += 2; print a["x"]; print ++a["y"]}'
