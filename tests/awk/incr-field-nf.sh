echo 'a b c' | awk '{print $NF; NF--; print; print NF}'
