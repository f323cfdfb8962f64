printf '*a\nb\n' | grep '*a'
