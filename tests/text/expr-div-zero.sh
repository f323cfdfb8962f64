expr 1 / 0; echo rc=$?
