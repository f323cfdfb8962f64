printf 'a\nb\n' > f; cat -n f
