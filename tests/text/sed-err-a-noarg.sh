echo a | sed 'a'; echo rc=$?
