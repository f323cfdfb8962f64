echo 'a-b' | grep 'a\-b'
