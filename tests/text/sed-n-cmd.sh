seq 1 6 | sed -n 'n;p'; seq 1 5 | sed 'n;d'
