printf 'abc\na1c\n' | grep 'a[^[:alpha:]]c'
