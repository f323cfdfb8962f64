truncate -s 1M f; wc -c < f; od -c f | head -3
