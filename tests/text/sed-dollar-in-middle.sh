echo 'a$b' | sed 's/a$b/X/'
