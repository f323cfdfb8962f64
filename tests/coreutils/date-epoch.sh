date -d @0
