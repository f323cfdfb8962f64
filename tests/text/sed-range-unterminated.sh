printf 'a\nS\nb\nc\n' | sed -n '/S/,/E/p'
