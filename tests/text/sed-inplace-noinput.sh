sed -i 's/a/b/'; echo rc=$?
