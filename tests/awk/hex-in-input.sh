echo '0x1A 1e2' | awk '{print $1 + 0, $2 + 0}'
