echo 'a b c' | awk '{NF = 0; print "[" $0 "]", NF}'
