truncate f 2>/dev/null; echo status=$?
