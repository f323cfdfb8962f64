echo a | sed '1!!p'; echo rc=$?
