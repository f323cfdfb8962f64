seq x; echo status=$?
