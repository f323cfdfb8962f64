seq 1 10 | sed -n '3,+2p'
