printf 'one two\n' | xargs
