echo a | sed 's/a\{2,1\}/b/'; echo rc=$?
