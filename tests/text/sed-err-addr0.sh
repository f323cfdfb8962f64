echo a | sed '0p'; echo rc=$?
