stat nofile; echo status=$?
