seq -w 8 11; seq -w 1 100 | tail -n 2
