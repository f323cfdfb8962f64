echo a > x; echo b > y; sed -n '$p' x y; sed -s -n '$p' x y
