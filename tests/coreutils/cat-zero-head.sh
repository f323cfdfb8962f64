cat /dev/zero | head -c 1000 | wc -c
