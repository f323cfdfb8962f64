echo a | grep -E '(a'; echo rc=$?
