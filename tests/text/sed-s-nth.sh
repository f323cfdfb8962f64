echo 'a a a a' | sed 's/a/b/2'; echo 'a a a a' | sed 's/a/b/2g'
