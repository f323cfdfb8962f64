printf 'a\nb\n' > x; printf 'c\n' > y; head -q x y
