printf 'a b\nc\n' | wc -c
