printf 'a\n' > x; printf 'b\n' > y; grep -c a x y; echo rc=$?
