echo 'foo bar foo' | awk '{sub(/foo/, "baz"); print}'
