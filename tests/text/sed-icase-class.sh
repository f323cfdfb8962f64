echo 'ABC' | sed 's/[a-z]/x/Ig'
