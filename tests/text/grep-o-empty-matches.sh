echo abc | grep -o 'x*'; echo rc=$?
