printf 'a\nb\n' | sed 'N;s/a\nb/joined/'
