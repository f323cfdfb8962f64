cat < /dev/null; echo status=$?; cat /dev/null; echo status=$?
