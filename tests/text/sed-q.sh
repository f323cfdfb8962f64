seq 1 10 | sed 3q; seq 1 10 | sed -n '3{p;q}'
