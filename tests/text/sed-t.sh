printf 'aaa\nbbb\n' | sed -n 's/a/x/;t done;p;:done'
