seq 1 3 | sed '2q 5'; echo rc=$?
