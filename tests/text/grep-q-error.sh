grep -q a nofile; echo rc=$?; echo a | grep -q a - nofile; echo rc=$?
