echo a | sed '/x'; echo rc=$?
