awk -x 'BEGIN{}'
