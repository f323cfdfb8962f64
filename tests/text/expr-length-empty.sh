expr length ''; echo rc=$?
