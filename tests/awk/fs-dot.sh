echo 'a.b.c' | awk -F. '{print $3, NF}'
