awk 'BEGIN {s = "aaa"; n = gsub(/a/, "bb", s); print n, s}'
