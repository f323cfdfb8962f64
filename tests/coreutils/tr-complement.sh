echo 'ab12cd' | tr -cd 'a-z'; echo
