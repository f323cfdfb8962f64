expr 1 +; echo rc=$?; expr; echo rc=$?
