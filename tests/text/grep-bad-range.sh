echo a | grep '[z-a]'; echo rc=$?
