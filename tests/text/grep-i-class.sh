echo 'HELLO' | grep -i '[a-z]ello'
