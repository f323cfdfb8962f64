printf 'a b\nc\n' > f; wc f
