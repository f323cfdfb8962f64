printf 'a\nb\n' | awk '!/a/'
