printf 'a\nb\n' > x; printf 'c\n' > y; head x y
