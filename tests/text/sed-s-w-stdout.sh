printf 'a\nb\n' | sed 's/a/A/w /dev/stdout'
