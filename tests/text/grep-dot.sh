printf 'ab\na\nabc\n' | grep -x '..'
