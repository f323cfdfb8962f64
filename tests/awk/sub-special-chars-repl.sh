awk 'BEGIN {s = "x"; sub(/x/, "a\\tb", s); print s}'
