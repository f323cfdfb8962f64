seq 1 6 | sed -n '4,2p'
