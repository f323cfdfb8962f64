sleep 0; echo status=$?; sleep 0.01; echo status=$?
