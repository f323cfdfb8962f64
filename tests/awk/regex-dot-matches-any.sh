echo 'a.c abc' | awk '{gsub(/a.c/, "X"); print}'
