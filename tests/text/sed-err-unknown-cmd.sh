echo a | sed 'k'; echo rc=$?
