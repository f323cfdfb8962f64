seq 1 4 | sed -n 'N;l;D'
