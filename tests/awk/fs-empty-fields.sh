echo 'a::b:' | awk -F: '{print NF; for (i=1;i<=NF;i++) print i, "[" $i "]"}'
