sha256sum nofile; echo status=$?
