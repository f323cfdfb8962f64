printf 'a\n\n\nb\n\n' | sed '/^$/N;/\n$/D'
