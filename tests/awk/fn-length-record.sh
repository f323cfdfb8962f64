echo 'hello there' | awk '{print length, length($1)}'
