echo 'a b' | awk '{$0="x y z"; print NF, $3}'
