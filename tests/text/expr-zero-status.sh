expr 0; echo rc=$?; expr 5 - 5; echo rc=$?; expr ''; echo rc=$?
