printf '*a\nb\n' | grep -E '*a'
