printf 'MemTotal:        2048000 kB\nMemFree:          512000 kB\n' | awk '/MemTotal/ {printf "%.1f MB\n", $2/1024}'
