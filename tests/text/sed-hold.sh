printf 'a\nb\nc\n' | sed -n '1!G;h;$p'
