head -c 100000 /dev/zero | wc -c
