cat nofile; echo status=$?
