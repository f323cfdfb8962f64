expr 0 \| 5; expr 3 \& 0; echo rc=$?; expr '' \| ''; echo rc=$?
