echo a > x; echo a > y; sed -i 's/a/b/;1i top' x y; cat x y
