echo 'a b c' | awk '{i=1; print $(i+1), $i$i}'
