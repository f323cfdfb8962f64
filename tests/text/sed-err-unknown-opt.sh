echo a | sed 's/a/b/k'; echo rc=$?
