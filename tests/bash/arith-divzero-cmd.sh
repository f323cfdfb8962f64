(( 5 / 0 )); echo "status $?"
