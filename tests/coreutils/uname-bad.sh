uname -z 2>/dev/null; echo status=$?
