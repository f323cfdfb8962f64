seq 1 5 | sed -n '3,$p'
