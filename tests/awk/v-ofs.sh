echo 'a b' | awk -v OFS=- '{$1=$1; print}'
