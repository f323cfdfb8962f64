echo '5 7' | awk '{$1++; ++$2; print}'
