expr 1 2; echo rc=$?
