echo 'a{1}' | sed -E 's/a\{1\}/X/'
