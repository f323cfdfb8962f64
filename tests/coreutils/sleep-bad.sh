sleep x; echo status=$?
