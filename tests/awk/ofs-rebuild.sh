echo 'a b c' | awk '{$2="X"; print; print NF}' OFS=-
