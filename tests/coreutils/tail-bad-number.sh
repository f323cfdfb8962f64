tail -c x /dev/null; echo status=$?
