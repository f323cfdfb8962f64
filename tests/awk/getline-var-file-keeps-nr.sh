printf 'x\n' > f
printf 'a\n' | awk '{getline v < "f"; print v, NR, $0}'
