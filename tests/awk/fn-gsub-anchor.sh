awk 'BEGIN {s = "aaa"; gsub(/^a/, "X", s); print s}'
