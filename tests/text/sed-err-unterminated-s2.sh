echo a | sed -e p -e 's/a'; echo rc=$?
