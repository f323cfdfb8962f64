echo a | grep 'a\(b'; echo rc=$?
