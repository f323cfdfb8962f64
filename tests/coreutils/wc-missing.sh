wc nofile; echo status=$?
