dd foo=bar 2>/dev/null; echo status=$?
