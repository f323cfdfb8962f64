sleep 2>/dev/null; echo status=$?
