echo a | cut -d: 2>/dev/null; echo status=$?
