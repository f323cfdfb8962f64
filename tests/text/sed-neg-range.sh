seq 1 6 | sed '2,4!d'
