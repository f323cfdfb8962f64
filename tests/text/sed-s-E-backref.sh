echo 'john smith' | sed -E 's/(\w+) (\w+)/\2 \1/'
