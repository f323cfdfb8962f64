sed; echo rc=$?
