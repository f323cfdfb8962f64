seq 1 10 | sed -n '2,~4p'
