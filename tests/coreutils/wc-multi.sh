printf 'a\n' > x; printf 'b c\n' > y; wc x y
