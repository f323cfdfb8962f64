echo a | grep 'a\{1'; echo rc=$?; echo a | grep -E 'a{2,1}'; echo rc=$?
