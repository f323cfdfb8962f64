head -n x /dev/null; echo status=$?
