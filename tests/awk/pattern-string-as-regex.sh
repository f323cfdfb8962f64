echo 'a.c abc' | awk '{print ($1 ~ "a.c"), ($2 ~ "a\\.c")}'
