echo 'ab' | awk '{print $0 ~ "a" "b"}'
