grep; echo rc=$?
