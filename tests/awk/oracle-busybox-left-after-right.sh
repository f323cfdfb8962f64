echo 'a b' | awk '{ print ($0) (($3 = $2) "-"); x = 1; print (x) (x = 5), (y < (y = 3)) }'
