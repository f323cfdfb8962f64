echo '10' | awk '{x = $1 ""; print (x > 9)}'
