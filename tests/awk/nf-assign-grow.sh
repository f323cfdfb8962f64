echo 'a b' | awk 'BEGIN{OFS=","} {NF=4; print}'
