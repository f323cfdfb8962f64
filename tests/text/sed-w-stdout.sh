printf 'a\nb\n' | sed -n '/a/w /dev/stdout'
