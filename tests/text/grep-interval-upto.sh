echo aaaaa | grep -oE 'a{,2}'
