echo a > a; echo b > b; sha256sum a b
