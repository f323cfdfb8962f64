awk 'BEGIN {printf "%s\n", "x" > "p.txt"}'; cat p.txt
