echo 'hello world' | sed -E 's/^(.)/\U\1/'
