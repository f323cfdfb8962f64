echo 'hello world' | sed 's/\w\+/\u&/g'; echo 'Hello' | sed 's/.*/\U&/'; echo 'ABC def' | sed -E 's/(\w+) (\w+)/\L\1\E \U\2/'
