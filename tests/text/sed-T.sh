printf 'aaa\nbbb\n' | sed 's/a/x/;T;s/$/!/'
