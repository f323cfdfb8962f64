echo 'a+b' | sed -E 's/a\+b/X/'
