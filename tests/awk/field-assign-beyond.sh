echo 'a b' | awk '{$5="e"; print; print NF}'
