echo a | sed 's/a/\1/'; echo rc=$?
