printf 'a\nb\n' | sed -n '$='; printf 'a\nb\n' | sed =
