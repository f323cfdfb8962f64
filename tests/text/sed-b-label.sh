printf 'a\nb\n' | sed '/a/b skip; s/$/+/; :skip'
