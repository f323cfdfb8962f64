printf 'aaa\nb\n' | grep -o 'a\+'; printf 'ac\nabc\n' | grep 'ab\?c'
