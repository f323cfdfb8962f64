head nofile; echo status=$?
