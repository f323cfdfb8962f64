printf 'aaa\n' | sed 's/^a/b/g'; echo aaa | sed 's/a$/b/'
