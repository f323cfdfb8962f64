echo 'aaa bbb' | awk '{print gsub(/a/, "x"), $0, NF}'
