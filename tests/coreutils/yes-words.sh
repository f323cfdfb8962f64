yes a b | head -n 2
