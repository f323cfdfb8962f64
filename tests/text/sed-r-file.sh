echo inserted > ins; printf 'a\nb\n' | sed '1r ins'
