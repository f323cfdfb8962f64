echo 'aaa  bbb' | tr -s ' a'
