[ a -eq 1 ]; echo $?; [ a b ]; echo $?; [ 1 = 1 ]; echo $?
