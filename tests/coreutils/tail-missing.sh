tail nofile; echo status=$?
