echo 'cat' | awk '{gsub(/a/, "\\&"); print}'
