echo 'a b	c' | awk '{gsub(/[[:space:]]/, "_"); print}'
