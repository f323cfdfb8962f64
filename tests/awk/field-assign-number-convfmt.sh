echo 'a b' | awk '{$2 = 3.14159265; print}'
