printf 'a\nb\nc\nd\n' | sed 'N;s/\n/ /'
