awk 'BEGIN {a[1.0] = "one"; print a[1]; a[0.5] = "h"; print a["0.5"]}'
