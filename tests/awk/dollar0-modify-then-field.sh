echo 'a b' | awk '{$0 = $0 " c"; print $3, NF}'
