printf 'a\nb\na\n' | sed -n 's/a/x/w out.txt'; cat out.txt
