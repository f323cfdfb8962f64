printf 'a\nb\n\nc\n' | nl
