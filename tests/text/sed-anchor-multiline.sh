printf 'a\nb\n' | sed 'N;s/^/>/g;s/$/</g'
