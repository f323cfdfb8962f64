seq 1 5 | sed -n '2!p'; seq 1 5 | sed '/3/!d'
