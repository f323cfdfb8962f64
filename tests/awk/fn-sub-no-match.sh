awk 'BEGIN {s = "abc"; print sub(/z/, "y", s), s}'
