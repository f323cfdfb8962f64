realpath /nonexistent/x 2>&1; echo status=$?
