echo 'cat hat' | awk '{gsub(/at/, "[&]"); print}'
