echo a | sed 'b nowhere'; echo rc=$?
