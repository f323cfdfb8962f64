printf 'a b\nc\n' > f; wc -l f; wc -l < f
