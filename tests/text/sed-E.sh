echo 'aaa bbb' | sed -E 's/(a+) (b+)/\2 \1/'
