head -c 5x /dev/null; echo status=$?
