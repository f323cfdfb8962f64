printf 'a\nx\nb\nx\n' | sed -n '/x/='
