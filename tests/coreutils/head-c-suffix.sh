head -c 2k /dev/zero | wc -c; head -c 1b /dev/zero | wc -c
