echo 'a1 b2' | awk '{gsub(/[[:digit:]]/, "#"); print}'
