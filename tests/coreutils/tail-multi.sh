printf 'a\nb\n' > x; printf 'c\n' > y; tail -n 1 x y
