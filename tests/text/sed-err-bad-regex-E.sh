echo a | sed -E 's/(a/x/'; echo rc=$?
