printf 'a\na\n' > x; printf 'b\n' > y; grep -c a x y
