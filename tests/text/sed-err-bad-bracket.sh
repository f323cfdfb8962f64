echo a | sed 's/[a/b/'; echo rc=$?
