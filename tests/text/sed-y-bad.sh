echo a | sed 'y/ab/c/'; echo rc=$?
