echo 'foo f.o' | awk '{print ($1 ~ $2)}'
