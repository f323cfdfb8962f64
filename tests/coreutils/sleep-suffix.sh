sleep 0s 0m 0h 0d; echo status=$?
