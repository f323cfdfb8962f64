echo 'foo bar_baz 42' | grep -o '\w\+'; echo 'a b' | grep -c '\s'
