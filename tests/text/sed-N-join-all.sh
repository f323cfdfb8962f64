printf 'a\nb\nc\n' | sed ':a;N;$!ba;s/\n/,/g'
