head -c 500000000 /dev/zero > big; wc -c < big; cp big big2; wc -c < big2; rm big big2
