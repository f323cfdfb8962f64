echo 'abAB' | grep -i '\(ab\)\1'
