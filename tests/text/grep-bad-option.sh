grep -k x /dev/null; echo rc=$?
