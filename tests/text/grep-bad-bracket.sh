echo a | grep '[a'; echo rc=$?
