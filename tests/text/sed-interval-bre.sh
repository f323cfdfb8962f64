echo 'aaaa' | sed 's/a\{2\}/X/'
