printf 'a\nb\nc\n' | sed '2c changed'
