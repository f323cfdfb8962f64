echo a | sed 's/a/b/gg'; echo rc=$?
