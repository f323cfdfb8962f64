echo 'a b' | awk '{$0 = ""; print NF}'
