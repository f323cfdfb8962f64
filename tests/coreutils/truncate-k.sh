truncate -s 2K f; wc -c < f; truncate -s 1KB g; wc -c < g
