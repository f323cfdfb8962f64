printf 'a\nb\na\nc\nb\n' | awk '!seen[$0]++'
