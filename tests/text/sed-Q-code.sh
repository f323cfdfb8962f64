seq 1 3 | sed '2Q 3'; echo rc=$?
