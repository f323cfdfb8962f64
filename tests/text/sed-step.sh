seq 1 10 | sed -n '1~3p'; seq 1 10 | sed -n '0~4p'
