date -d @1767268800 '+%I %l %p %k'
