printf 'a\nb\n' | sed 'x;$!d;x'
