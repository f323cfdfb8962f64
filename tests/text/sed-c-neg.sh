seq 1 3 | sed '2!c X'
