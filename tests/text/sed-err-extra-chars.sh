echo a | sed 'dp'; echo rc=$?
