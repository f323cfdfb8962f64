printf 'a b\nc\n' > f; wc -lc f
