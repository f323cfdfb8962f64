echo a | sed 's/\(a/x/'; echo rc=$?
