truncate -c -s 10 nofile; echo status=$?; ls nofile 2>&1 | head -c 0
