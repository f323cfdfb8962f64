printf 'Abc\nabc\n' | awk '/^a/'
