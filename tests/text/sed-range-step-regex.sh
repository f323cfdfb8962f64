seq 1 12 | sed -n '/^1/,~4p'
