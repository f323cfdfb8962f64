echo 'a*b' | sed 's/*/x/'
