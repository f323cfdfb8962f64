printf 'a\nb\n' | sed = | sed 'N;s/\n/ /'
