echo a | sed 'p}'; echo rc=$?
