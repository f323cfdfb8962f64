awk 'BEGIN {s = "a/b/c"; gsub("/", "\\\\", s); print s}'
