echo '1 2 3' | awk '{$1 = $2 + $3; print}'
