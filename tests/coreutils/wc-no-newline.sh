printf 'abc' | wc -l
