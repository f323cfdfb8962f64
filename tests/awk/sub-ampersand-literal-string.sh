awk 'BEGIN {s = "a.b"; sub(".", "[&]", s); print s}'
