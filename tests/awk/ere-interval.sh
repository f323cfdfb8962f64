printf 'aa\naaa\n' | awk '/^a{3}$/'
