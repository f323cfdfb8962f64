echo 'a b c d' | awk '{NF=2; print}'
